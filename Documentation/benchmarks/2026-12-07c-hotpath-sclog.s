ffffffff8158c410 <do_syscall_64>:
ffffffff8158c410:	endbr64
ffffffff8158c414:	push   %rbp
ffffffff8158c415:	mov    %rsp,%rbp
ffffffff8158c418:	push   %rbx
ffffffff8158c419:	mov    %rdi,%rbx
ffffffff8158c41c:	nopl   0x0(%rax,%rax,1)
ffffffff8158c421:	mov    %gs:0x7ea9bd57(%rip),%rdx        # 28180 <pcpu_hot>
ffffffff8158c429:	mov    0xa28(%rdx),%eax
ffffffff8158c42f:	and    $0x3f0,%eax
ffffffff8158c434:	add    $0xf,%rax
ffffffff8158c438:	and    $0x7f8,%eax
ffffffff8158c43d:	sub    %rax,%rsp
ffffffff8158c440:	lea    0xf(%rsp),%rax
ffffffff8158c445:	and    $0xfffffffffffffff0,%rax
ffffffff8158c449:	movslq %esi,%rsi
ffffffff8158c44c:	sti
ffffffff8158c44d:	mov    0x8(%rdx),%rdx
ffffffff8158c451:	test   $0x3f,%dl
ffffffff8158c454:	jne    ffffffff8158c571 <do_syscall_64+0x161>
ffffffff8158c45a:	nopl   0x0(%rax,%rax,1)
ffffffff8158c45f:	cmp    $0x1ce,%esi
ffffffff8158c465:	ja     ffffffff8158c581 <do_syscall_64+0x171>
ffffffff8158c46b:	cmp    $0x1cf,%esi
ffffffff8158c471:	sbb    %rax,%rax
ffffffff8158c474:	and    %eax,%esi
ffffffff8158c476:	mov    %rbx,%rdi
ffffffff8158c479:	call   ffffffff810027b0 <x64_sys_call>
ffffffff8158c47e:	mov    %rax,0x50(%rbx)
ffffffff8158c482:	mov    %rbx,%rdi
ffffffff8158c485:	call   ffffffff8158fa30 <syscall_exit_to_user_mode>
ffffffff8158c48a:	mov    0x80(%rbx),%rax
ffffffff8158c491:	cmp    %rax,0x58(%rbx)
ffffffff8158c495:	jne    ffffffff8158c55d <do_syscall_64+0x14d>
ffffffff8158c49b:	mov    0x90(%rbx),%rdx
ffffffff8158c4a2:	cmp    %rdx,0x30(%rbx)
ffffffff8158c4a6:	jne    ffffffff8158c55d <do_syscall_64+0x14d>
ffffffff8158c4ac:	cmpw   $0x33,0x88(%rbx)
ffffffff8158c4b4:	jne    ffffffff8158c55d <do_syscall_64+0x14d>
ffffffff8158c4ba:	cmpw   $0x2b,0xa0(%rbx)
ffffffff8158c4c2:	jne    ffffffff8158c55d <do_syscall_64+0x14d>
ffffffff8158c4c8:	movabs $0x7fffffffefff,%rcx
ffffffff8158c4d2:	cmp    %rax,%rcx
ffffffff8158c4d5:	jb     ffffffff8158c55d <do_syscall_64+0x14d>
ffffffff8158c4db:	test   $0x10100,%edx
ffffffff8158c4e1:	mov    -0x8(%rbp),%rbx
ffffffff8158c4e5:	leave
ffffffff8158c4e6:	sete   %al
ffffffff8158c4e9:	xor    %edx,%edx
ffffffff8158c4eb:	xor    %ecx,%ecx
ffffffff8158c4ed:	xor    %esi,%esi
ffffffff8158c4ef:	xor    %edi,%edi
ffffffff8158c4f1:	jmp    ffffffff8159b870 <__x86_return_thunk>
ffffffff8158c4f6:	mov    %gs:0x7ea9bc82(%rip),%rdx        # 28180 <pcpu_hot>
ffffffff8158c4fe:	jmp    ffffffff8158c449 <do_syscall_64+0x39>
ffffffff8158c503:	cmp    $0xffffffffffffffff,%rsi
ffffffff8158c507:	je     ffffffff8158c54d <do_syscall_64+0x13d>
ffffffff8158c509:	mov    %gs:0x7ea9bc6f(%rip),%rax        # 28180 <pcpu_hot>
ffffffff8158c511:	mov    %rsi,%rdx
ffffffff8158c514:	mov    0x10(%rax),%eax
ffffffff8158c517:	and    $0x2,%eax
ffffffff8158c51a:	jne    ffffffff8158c5c5 <do_syscall_64+0x1b5>
ffffffff8158c520:	test   $0x40000000,%esi
ffffffff8158c526:	jne    ffffffff8158c5cf <do_syscall_64+0x1bf>
ffffffff8158c52c:	cmp    $0x3ff,%rdx
ffffffff8158c533:	ja     ffffffff8158c45f <do_syscall_64+0x4f>
ffffffff8158c539:	mov    %eax,%eax
ffffffff8158c53b:	shl    $0x7,%rax
ffffffff8158c53f:	bt     %rdx,-0x7e2be8a0(%rax)
ffffffff8158c547:	jae    ffffffff8158c45f <do_syscall_64+0x4f>
ffffffff8158c54d:	mov    %rbx,%rdi
ffffffff8158c550:	call   ffffffff8114df40 <__sclog_syscall_enter>
ffffffff8158c555:	mov    %rax,%rsi
ffffffff8158c558:	jmp    ffffffff8158c45f <do_syscall_64+0x4f>
ffffffff8158c55d:	mov    -0x8(%rbp),%rbx
ffffffff8158c561:	xor    %eax,%eax
ffffffff8158c563:	leave
ffffffff8158c564:	xor    %edx,%edx
ffffffff8158c566:	xor    %ecx,%ecx
ffffffff8158c568:	xor    %esi,%esi
ffffffff8158c56a:	xor    %edi,%edi
ffffffff8158c56c:	jmp    ffffffff8159b870 <__x86_return_thunk>
ffffffff8158c571:	mov    %rbx,%rdi
ffffffff8158c574:	call   ffffffff8110f7c0 <syscall_trace_enter>
ffffffff8158c579:	mov    %rax,%rsi
ffffffff8158c57c:	jmp    ffffffff8158c45a <do_syscall_64+0x4a>
ffffffff8158c581:	mov    %esi,%eax
ffffffff8158c583:	xchg   %ax,%ax
ffffffff8158c585:	sub    $0x40000000,%esi
ffffffff8158c58b:	cmp    $0x223,%esi
ffffffff8158c591:	ja     ffffffff8158c5af <do_syscall_64+0x19f>
ffffffff8158c593:	cmp    $0x224,%esi
ffffffff8158c599:	sbb    %rax,%rax
ffffffff8158c59c:	and    %eax,%esi
ffffffff8158c59e:	mov    %rbx,%rdi
ffffffff8158c5a1:	call   ffffffff81006a20 <x32_sys_call>
ffffffff8158c5a6:	mov    %rax,0x50(%rbx)
ffffffff8158c5aa:	jmp    ffffffff8158c482 <do_syscall_64+0x72>
ffffffff8158c5af:	cmp    $0xffffffff,%eax
ffffffff8158c5b2:	je     ffffffff8158c482 <do_syscall_64+0x72>
ffffffff8158c5b8:	movq   $0xffffffffffffffda,0x50(%rbx)
ffffffff8158c5c0:	jmp    ffffffff8158c482 <do_syscall_64+0x72>
ffffffff8158c5c5:	mov    $0x1,%eax
ffffffff8158c5ca:	jmp    ffffffff8158c52c <do_syscall_64+0x11c>
ffffffff8158c5cf:	and    $0xffffffffbfffffff,%rdx
ffffffff8158c5d6:	mov    $0x2,%eax
ffffffff8158c5db:	jmp    ffffffff8158c52c <do_syscall_64+0x11c>

ffffffff8158fa30 <syscall_exit_to_user_mode>:
ffffffff8158fa30:	endbr64
ffffffff8158fa34:	push   %r12
ffffffff8158fa36:	mov    %rdi,%r12
ffffffff8158fa39:	push   %rbp
ffffffff8158fa3a:	mov    %gs:0x7ea9873e(%rip),%rbp        # 28180 <pcpu_hot>
ffffffff8158fa42:	push   %rbx
ffffffff8158fa43:	mov    0x8(%rbp),%rsi
ffffffff8158fa47:	test   $0x76,%sil
ffffffff8158fa4b:	jne    ffffffff8158fb0e <syscall_exit_to_user_mode+0xde>
ffffffff8158fa51:	nopl   0x0(%rax,%rax,1)
ffffffff8158fa56:	cli
ffffffff8158fa57:	mov    0x0(%rbp),%rbx
ffffffff8158fa5b:	test   $0x2300e,%ebx
ffffffff8158fa61:	jne    ffffffff8158faa8 <syscall_exit_to_user_mode+0x78>
ffffffff8158fa63:	mov    %rbx,%rdi
ffffffff8158fa66:	call   ffffffff8110f380 <arch_exit_to_user_mode_prepare.constprop.0>
ffffffff8158fa6b:	xor    %eax,%eax
ffffffff8158fa6d:	mov    $0x1,%ecx
ffffffff8158fa72:	mov    %eax,%edx
ffffffff8158fa74:	nop
ffffffff8158fa75:	nop
ffffffff8158fa76:	pop    %rbx
ffffffff8158fa77:	pop    %rbp
ffffffff8158fa78:	pop    %r12
ffffffff8158fa7a:	xor    %eax,%eax
ffffffff8158fa7c:	xor    %edx,%edx
ffffffff8158fa7e:	xor    %ecx,%ecx
ffffffff8158fa80:	xor    %esi,%esi
ffffffff8158fa82:	xor    %edi,%edi
ffffffff8158fa84:	jmp    ffffffff8159b870 <__x86_return_thunk>
ffffffff8158fa89:	call   ffffffff81593a80 <schedule>
ffffffff8158fa8e:	test   $0x20004,%ebx
ffffffff8158fa94:	jne    ffffffff8158fab6 <syscall_exit_to_user_mode+0x86>
ffffffff8158fa96:	and    $0x2,%ebx
ffffffff8158fa99:	jne    ffffffff8158fac3 <syscall_exit_to_user_mode+0x93>
ffffffff8158fa9b:	cli
ffffffff8158fa9c:	mov    0x0(%rbp),%rbx
ffffffff8158faa0:	test   $0x2300e,%ebx
ffffffff8158faa6:	je     ffffffff8158fa63 <syscall_exit_to_user_mode+0x33>
ffffffff8158faa8:	sti
ffffffff8158faa9:	test   $0x8,%bl
ffffffff8158faac:	jne    ffffffff8158fa89 <syscall_exit_to_user_mode+0x59>
ffffffff8158faae:	test   $0x20004,%ebx
ffffffff8158fab4:	je     ffffffff8158fa96 <syscall_exit_to_user_mode+0x66>
ffffffff8158fab6:	mov    %r12,%rdi
ffffffff8158fab9:	call   ffffffff81024b10 <arch_do_signal_or_restart>
ffffffff8158fabe:	and    $0x2,%ebx
ffffffff8158fac1:	je     ffffffff8158fa9b <syscall_exit_to_user_mode+0x6b>
ffffffff8158fac3:	lock andb $0xfd,0x0(%rbp)
ffffffff8158fac8:	mov    0x6a0(%rbp),%rax
ffffffff8158facf:	test   %rax,%rax
ffffffff8158fad2:	jne    ffffffff8158fb18 <syscall_exit_to_user_mode+0xe8>
ffffffff8158fad4:	cmpq   $0x0,0x940(%rbp)
ffffffff8158fadc:	je     ffffffff8158fa9b <syscall_exit_to_user_mode+0x6b>
ffffffff8158fade:	mov    %r12,%rsi
ffffffff8158fae1:	xor    %edi,%edi
ffffffff8158fae3:	call   ffffffff811a67c0 <__rseq_handle_notify_resume>
ffffffff8158fae8:	jmp    ffffffff8158fa9b <syscall_exit_to_user_mode+0x6b>
ffffffff8158faea:	mov    0x6f8(%rbp),%eax
ffffffff8158faf0:	test   %eax,%eax
ffffffff8158faf2:	jne    ffffffff8158fb01 <syscall_exit_to_user_mode+0xd1>
ffffffff8158faf4:	cmpb   $0x0,0x803(%rbp)
ffffffff8158fafb:	je     ffffffff8158fa56 <syscall_exit_to_user_mode+0x26>
ffffffff8158fb01:	mov    %r12,%rdi
ffffffff8158fb04:	call   ffffffff8114e0e0 <__sclog_syscall_exit>
ffffffff8158fb09:	jmp    ffffffff8158fa56 <syscall_exit_to_user_mode+0x26>
ffffffff8158fb0e:	call   ffffffff8110f6a0 <syscall_exit_work>
ffffffff8158fb13:	jmp    ffffffff8158fa51 <syscall_exit_to_user_mode+0x21>
ffffffff8158fb18:	call   ffffffff810a2800 <task_work_run>
ffffffff8158fb1d:	jmp    ffffffff8158fad4 <syscall_exit_to_user_mode+0xa4>

