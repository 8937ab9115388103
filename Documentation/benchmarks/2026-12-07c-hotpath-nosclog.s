ffffffff81584200 <do_syscall_64>:
ffffffff81584200:	endbr64
ffffffff81584204:	push   %rbp
ffffffff81584205:	mov    %esi,%edx
ffffffff81584207:	mov    %rsp,%rbp
ffffffff8158420a:	push   %rbx
ffffffff8158420b:	mov    %rdi,%rbx
ffffffff8158420e:	nopl   0x0(%rax,%rax,1)
ffffffff81584213:	mov    %gs:0x7eaa3c65(%rip),%rcx        # 27e80 <pcpu_hot>
ffffffff8158421b:	mov    0x8d0(%rcx),%eax
ffffffff81584221:	and    $0x3f0,%eax
ffffffff81584226:	add    $0xf,%rax
ffffffff8158422a:	and    $0x7f8,%eax
ffffffff8158422f:	sub    %rax,%rsp
ffffffff81584232:	lea    0xf(%rsp),%rax
ffffffff81584237:	and    $0xfffffffffffffff0,%rax
ffffffff8158423b:	movslq %edx,%rsi
ffffffff8158423e:	sti
ffffffff8158423f:	mov    0x8(%rcx),%rax
ffffffff81584243:	test   $0x3f,%al
ffffffff81584245:	jne    ffffffff815842ef <do_syscall_64+0xef>
ffffffff8158424b:	cmp    $0x1ce,%esi
ffffffff81584251:	ja     ffffffff8158430b <do_syscall_64+0x10b>
ffffffff81584257:	cmp    $0x1cf,%esi
ffffffff8158425d:	sbb    %rax,%rax
ffffffff81584260:	and    %eax,%esi
ffffffff81584262:	mov    %rbx,%rdi
ffffffff81584265:	call   ffffffff810027b0 <x64_sys_call>
ffffffff8158426a:	mov    %rax,0x50(%rbx)
ffffffff8158426e:	mov    %rbx,%rdi
ffffffff81584271:	call   ffffffff81587730 <syscall_exit_to_user_mode>
ffffffff81584276:	mov    0x80(%rbx),%rax
ffffffff8158427d:	cmp    %rax,0x58(%rbx)
ffffffff81584281:	jne    ffffffff815842db <do_syscall_64+0xdb>
ffffffff81584283:	mov    0x90(%rbx),%rdx
ffffffff8158428a:	cmp    %rdx,0x30(%rbx)
ffffffff8158428e:	jne    ffffffff815842db <do_syscall_64+0xdb>
ffffffff81584290:	cmpw   $0x33,0x88(%rbx)
ffffffff81584298:	jne    ffffffff815842db <do_syscall_64+0xdb>
ffffffff8158429a:	cmpw   $0x2b,0xa0(%rbx)
ffffffff815842a2:	jne    ffffffff815842db <do_syscall_64+0xdb>
ffffffff815842a4:	movabs $0x7fffffffefff,%rcx
ffffffff815842ae:	cmp    %rax,%rcx
ffffffff815842b1:	jb     ffffffff815842db <do_syscall_64+0xdb>
ffffffff815842b3:	test   $0x10100,%edx
ffffffff815842b9:	mov    -0x8(%rbp),%rbx
ffffffff815842bd:	leave
ffffffff815842be:	sete   %al
ffffffff815842c1:	xor    %edx,%edx
ffffffff815842c3:	xor    %ecx,%ecx
ffffffff815842c5:	xor    %esi,%esi
ffffffff815842c7:	xor    %edi,%edi
ffffffff815842c9:	jmp    ffffffff81593530 <__x86_return_thunk>
ffffffff815842ce:	mov    %gs:0x7eaa3baa(%rip),%rcx        # 27e80 <pcpu_hot>
ffffffff815842d6:	jmp    ffffffff8158423b <do_syscall_64+0x3b>
ffffffff815842db:	mov    -0x8(%rbp),%rbx
ffffffff815842df:	xor    %eax,%eax
ffffffff815842e1:	leave
ffffffff815842e2:	xor    %edx,%edx
ffffffff815842e4:	xor    %ecx,%ecx
ffffffff815842e6:	xor    %esi,%esi
ffffffff815842e8:	xor    %edi,%edi
ffffffff815842ea:	jmp    ffffffff81593530 <__x86_return_thunk>
ffffffff815842ef:	mov    %rax,%rdx
ffffffff815842f2:	mov    %rbx,%rdi
ffffffff815842f5:	call   ffffffff8110fb00 <syscall_trace_enter>
ffffffff815842fa:	mov    %rax,%rsi
ffffffff815842fd:	mov    %eax,%edx
ffffffff815842ff:	cmp    $0x1ce,%esi
ffffffff81584305:	jbe    ffffffff81584257 <do_syscall_64+0x57>
ffffffff8158430b:	xchg   %ax,%ax
ffffffff8158430d:	lea    -0x40000000(%rdx),%esi
ffffffff81584313:	cmp    $0x223,%esi
ffffffff81584319:	ja     ffffffff81584337 <do_syscall_64+0x137>
ffffffff8158431b:	cmp    $0x224,%esi
ffffffff81584321:	sbb    %rax,%rax
ffffffff81584324:	and    %eax,%esi
ffffffff81584326:	mov    %rbx,%rdi
ffffffff81584329:	call   ffffffff81006a20 <x32_sys_call>
ffffffff8158432e:	mov    %rax,0x50(%rbx)
ffffffff81584332:	jmp    ffffffff8158426e <do_syscall_64+0x6e>
ffffffff81584337:	cmp    $0xffffffff,%edx
ffffffff8158433a:	je     ffffffff8158426e <do_syscall_64+0x6e>
ffffffff81584340:	movq   $0xffffffffffffffda,0x50(%rbx)
ffffffff81584348:	jmp    ffffffff8158426e <do_syscall_64+0x6e>

ffffffff81587730 <syscall_exit_to_user_mode>:
ffffffff81587730:	endbr64
ffffffff81587734:	push   %r12
ffffffff81587736:	mov    %rdi,%r12
ffffffff81587739:	push   %rbp
ffffffff8158773a:	mov    %gs:0x7eaa073e(%rip),%rbp        # 27e80 <pcpu_hot>
ffffffff81587742:	push   %rbx
ffffffff81587743:	mov    0x8(%rbp),%rsi
ffffffff81587747:	test   $0x76,%sil
ffffffff8158774b:	jne    ffffffff815877e5 <syscall_exit_to_user_mode+0xb5>
ffffffff81587751:	cli
ffffffff81587752:	mov    0x0(%rbp),%rbx
ffffffff81587756:	test   $0x2300e,%ebx
ffffffff8158775c:	jne    ffffffff815877a3 <syscall_exit_to_user_mode+0x73>
ffffffff8158775e:	mov    %rbx,%rdi
ffffffff81587761:	call   ffffffff8110f6c0 <arch_exit_to_user_mode_prepare.constprop.0>
ffffffff81587766:	xor    %eax,%eax
ffffffff81587768:	mov    $0x1,%ecx
ffffffff8158776d:	mov    %eax,%edx
ffffffff8158776f:	nop
ffffffff81587770:	nop
ffffffff81587771:	pop    %rbx
ffffffff81587772:	pop    %rbp
ffffffff81587773:	pop    %r12
ffffffff81587775:	xor    %eax,%eax
ffffffff81587777:	xor    %edx,%edx
ffffffff81587779:	xor    %ecx,%ecx
ffffffff8158777b:	xor    %esi,%esi
ffffffff8158777d:	xor    %edi,%edi
ffffffff8158777f:	jmp    ffffffff81593530 <__x86_return_thunk>
ffffffff81587784:	call   ffffffff8158b760 <schedule>
ffffffff81587789:	test   $0x20004,%ebx
ffffffff8158778f:	jne    ffffffff815877b1 <syscall_exit_to_user_mode+0x81>
ffffffff81587791:	and    $0x2,%ebx
ffffffff81587794:	jne    ffffffff815877be <syscall_exit_to_user_mode+0x8e>
ffffffff81587796:	cli
ffffffff81587797:	mov    0x0(%rbp),%rbx
ffffffff8158779b:	test   $0x2300e,%ebx
ffffffff815877a1:	je     ffffffff8158775e <syscall_exit_to_user_mode+0x2e>
ffffffff815877a3:	sti
ffffffff815877a4:	test   $0x8,%bl
ffffffff815877a7:	jne    ffffffff81587784 <syscall_exit_to_user_mode+0x54>
ffffffff815877a9:	test   $0x20004,%ebx
ffffffff815877af:	je     ffffffff81587791 <syscall_exit_to_user_mode+0x61>
ffffffff815877b1:	mov    %r12,%rdi
ffffffff815877b4:	call   ffffffff81024b10 <arch_do_signal_or_restart>
ffffffff815877b9:	and    $0x2,%ebx
ffffffff815877bc:	je     ffffffff81587796 <syscall_exit_to_user_mode+0x66>
ffffffff815877be:	lock andb $0xfd,0x0(%rbp)
ffffffff815877c3:	mov    0x6a0(%rbp),%rax
ffffffff815877ca:	test   %rax,%rax
ffffffff815877cd:	jne    ffffffff815877ef <syscall_exit_to_user_mode+0xbf>
ffffffff815877cf:	cmpq   $0x0,0x7e8(%rbp)
ffffffff815877d7:	je     ffffffff81587796 <syscall_exit_to_user_mode+0x66>
ffffffff815877d9:	mov    %r12,%rsi
ffffffff815877dc:	xor    %edi,%edi
ffffffff815877de:	call   ffffffff8119e7e0 <__rseq_handle_notify_resume>
ffffffff815877e3:	jmp    ffffffff81587796 <syscall_exit_to_user_mode+0x66>
ffffffff815877e5:	call   ffffffff8110f9e0 <syscall_exit_work>
ffffffff815877ea:	jmp    ffffffff81587751 <syscall_exit_to_user_mode+0x21>
ffffffff815877ef:	call   ffffffff810a2b60 <task_work_run>
ffffffff815877f4:	jmp    ffffffff815877cf <syscall_exit_to_user_mode+0x9f>

