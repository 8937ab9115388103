ffffffff81580820 <do_syscall_64>:
ffffffff81580820:	endbr64
ffffffff81580824:	push   %rbp
ffffffff81580825:	mov    %esi,%edx
ffffffff81580827:	mov    %rsp,%rbp
ffffffff8158082a:	push   %rbx
ffffffff8158082b:	mov    %rdi,%rbx
ffffffff8158082e:	nopl   0x0(%rax,%rax,1)
ffffffff81580833:	mov    %gs:0x7eaa7645(%rip),%rcx        # 27e80 <pcpu_hot>
ffffffff8158083b:	mov    0x8d0(%rcx),%eax
ffffffff81580841:	and    $0x3f0,%eax
ffffffff81580846:	add    $0xf,%rax
ffffffff8158084a:	and    $0x7f8,%eax
ffffffff8158084f:	sub    %rax,%rsp
ffffffff81580852:	lea    0xf(%rsp),%rax
ffffffff81580857:	and    $0xfffffffffffffff0,%rax
ffffffff8158085b:	movslq %edx,%rsi
ffffffff8158085e:	sti
ffffffff8158085f:	mov    0x8(%rcx),%rax
ffffffff81580863:	test   $0x3f,%al
ffffffff81580865:	jne    ffffffff8158090f <do_syscall_64+0xef>
ffffffff8158086b:	cmp    $0x1ce,%esi
ffffffff81580871:	ja     ffffffff8158092b <do_syscall_64+0x10b>
ffffffff81580877:	cmp    $0x1cf,%esi
ffffffff8158087d:	sbb    %rax,%rax
ffffffff81580880:	and    %eax,%esi
ffffffff81580882:	mov    %rbx,%rdi
ffffffff81580885:	call   ffffffff810027b0 <x64_sys_call>
ffffffff8158088a:	mov    %rax,0x50(%rbx)
ffffffff8158088e:	mov    %rbx,%rdi
ffffffff81580891:	call   ffffffff81583d50 <syscall_exit_to_user_mode>
ffffffff81580896:	mov    0x80(%rbx),%rax
ffffffff8158089d:	cmp    %rax,0x58(%rbx)
ffffffff815808a1:	jne    ffffffff815808fb <do_syscall_64+0xdb>
ffffffff815808a3:	mov    0x90(%rbx),%rdx
ffffffff815808aa:	cmp    %rdx,0x30(%rbx)
ffffffff815808ae:	jne    ffffffff815808fb <do_syscall_64+0xdb>
ffffffff815808b0:	cmpw   $0x33,0x88(%rbx)
ffffffff815808b8:	jne    ffffffff815808fb <do_syscall_64+0xdb>
ffffffff815808ba:	cmpw   $0x2b,0xa0(%rbx)
ffffffff815808c2:	jne    ffffffff815808fb <do_syscall_64+0xdb>
ffffffff815808c4:	movabs $0x7fffffffefff,%rcx
ffffffff815808ce:	cmp    %rax,%rcx
ffffffff815808d1:	jb     ffffffff815808fb <do_syscall_64+0xdb>
ffffffff815808d3:	test   $0x10100,%edx
ffffffff815808d9:	mov    -0x8(%rbp),%rbx
ffffffff815808dd:	leave
ffffffff815808de:	sete   %al
ffffffff815808e1:	xor    %edx,%edx
ffffffff815808e3:	xor    %ecx,%ecx
ffffffff815808e5:	xor    %esi,%esi
ffffffff815808e7:	xor    %edi,%edi
ffffffff815808e9:	jmp    ffffffff8158fb70 <__x86_return_thunk>
ffffffff815808ee:	mov    %gs:0x7eaa758a(%rip),%rcx        # 27e80 <pcpu_hot>
ffffffff815808f6:	jmp    ffffffff8158085b <do_syscall_64+0x3b>
ffffffff815808fb:	mov    -0x8(%rbp),%rbx
ffffffff815808ff:	xor    %eax,%eax
ffffffff81580901:	leave
ffffffff81580902:	xor    %edx,%edx
ffffffff81580904:	xor    %ecx,%ecx
ffffffff81580906:	xor    %esi,%esi
ffffffff81580908:	xor    %edi,%edi
ffffffff8158090a:	jmp    ffffffff8158fb70 <__x86_return_thunk>
ffffffff8158090f:	mov    %rax,%rdx
ffffffff81580912:	mov    %rbx,%rdi
ffffffff81580915:	call   ffffffff8110f1f0 <syscall_trace_enter>
ffffffff8158091a:	mov    %rax,%rsi
ffffffff8158091d:	mov    %eax,%edx
ffffffff8158091f:	cmp    $0x1ce,%esi
ffffffff81580925:	jbe    ffffffff81580877 <do_syscall_64+0x57>
ffffffff8158092b:	xchg   %ax,%ax
ffffffff8158092d:	lea    -0x40000000(%rdx),%esi
ffffffff81580933:	cmp    $0x223,%esi
ffffffff81580939:	ja     ffffffff81580957 <do_syscall_64+0x137>
ffffffff8158093b:	cmp    $0x224,%esi
ffffffff81580941:	sbb    %rax,%rax
ffffffff81580944:	and    %eax,%esi
ffffffff81580946:	mov    %rbx,%rdi
ffffffff81580949:	call   ffffffff81006a20 <x32_sys_call>
ffffffff8158094e:	mov    %rax,0x50(%rbx)
ffffffff81580952:	jmp    ffffffff8158088e <do_syscall_64+0x6e>
ffffffff81580957:	cmp    $0xffffffff,%edx
ffffffff8158095a:	je     ffffffff8158088e <do_syscall_64+0x6e>
ffffffff81580960:	movq   $0xffffffffffffffda,0x50(%rbx)
ffffffff81580968:	jmp    ffffffff8158088e <do_syscall_64+0x6e>

ffffffff81583d50 <syscall_exit_to_user_mode>:
ffffffff81583d50:	endbr64
ffffffff81583d54:	push   %r12
ffffffff81583d56:	mov    %rdi,%r12
ffffffff81583d59:	push   %rbp
ffffffff81583d5a:	mov    %gs:0x7eaa411e(%rip),%rbp        # 27e80 <pcpu_hot>
ffffffff81583d62:	push   %rbx
ffffffff81583d63:	mov    0x8(%rbp),%rsi
ffffffff81583d67:	test   $0x76,%sil
ffffffff81583d6b:	jne    ffffffff81583e05 <syscall_exit_to_user_mode+0xb5>
ffffffff81583d71:	cli
ffffffff81583d72:	mov    0x0(%rbp),%rbx
ffffffff81583d76:	test   $0x2300e,%ebx
ffffffff81583d7c:	jne    ffffffff81583dc3 <syscall_exit_to_user_mode+0x73>
ffffffff81583d7e:	mov    %rbx,%rdi
ffffffff81583d81:	call   ffffffff8110edb0 <arch_exit_to_user_mode_prepare.constprop.0>
ffffffff81583d86:	xor    %eax,%eax
ffffffff81583d88:	mov    $0x1,%ecx
ffffffff81583d8d:	mov    %eax,%edx
ffffffff81583d8f:	nop
ffffffff81583d90:	nop
ffffffff81583d91:	pop    %rbx
ffffffff81583d92:	pop    %rbp
ffffffff81583d93:	pop    %r12
ffffffff81583d95:	xor    %eax,%eax
ffffffff81583d97:	xor    %edx,%edx
ffffffff81583d99:	xor    %ecx,%ecx
ffffffff81583d9b:	xor    %esi,%esi
ffffffff81583d9d:	xor    %edi,%edi
ffffffff81583d9f:	jmp    ffffffff8158fb70 <__x86_return_thunk>
ffffffff81583da4:	call   ffffffff81587d80 <schedule>
ffffffff81583da9:	test   $0x20004,%ebx
ffffffff81583daf:	jne    ffffffff81583dd1 <syscall_exit_to_user_mode+0x81>
ffffffff81583db1:	and    $0x2,%ebx
ffffffff81583db4:	jne    ffffffff81583dde <syscall_exit_to_user_mode+0x8e>
ffffffff81583db6:	cli
ffffffff81583db7:	mov    0x0(%rbp),%rbx
ffffffff81583dbb:	test   $0x2300e,%ebx
ffffffff81583dc1:	je     ffffffff81583d7e <syscall_exit_to_user_mode+0x2e>
ffffffff81583dc3:	sti
ffffffff81583dc4:	test   $0x8,%bl
ffffffff81583dc7:	jne    ffffffff81583da4 <syscall_exit_to_user_mode+0x54>
ffffffff81583dc9:	test   $0x20004,%ebx
ffffffff81583dcf:	je     ffffffff81583db1 <syscall_exit_to_user_mode+0x61>
ffffffff81583dd1:	mov    %r12,%rdi
ffffffff81583dd4:	call   ffffffff81024b10 <arch_do_signal_or_restart>
ffffffff81583dd9:	and    $0x2,%ebx
ffffffff81583ddc:	je     ffffffff81583db6 <syscall_exit_to_user_mode+0x66>
ffffffff81583dde:	lock andb $0xfd,0x0(%rbp)
ffffffff81583de3:	mov    0x6a0(%rbp),%rax
ffffffff81583dea:	test   %rax,%rax
ffffffff81583ded:	jne    ffffffff81583e0f <syscall_exit_to_user_mode+0xbf>
ffffffff81583def:	cmpq   $0x0,0x7e8(%rbp)
ffffffff81583df7:	je     ffffffff81583db6 <syscall_exit_to_user_mode+0x66>
ffffffff81583df9:	mov    %r12,%rsi
ffffffff81583dfc:	xor    %edi,%edi
ffffffff81583dfe:	call   ffffffff8119c650 <__rseq_handle_notify_resume>
ffffffff81583e03:	jmp    ffffffff81583db6 <syscall_exit_to_user_mode+0x66>
ffffffff81583e05:	call   ffffffff8110f0d0 <syscall_exit_work>
ffffffff81583e0a:	jmp    ffffffff81583d71 <syscall_exit_to_user_mode+0x21>
ffffffff81583e0f:	call   ffffffff810a2360 <task_work_run>
ffffffff81583e14:	jmp    ffffffff81583def <syscall_exit_to_user_mode+0x9f>

