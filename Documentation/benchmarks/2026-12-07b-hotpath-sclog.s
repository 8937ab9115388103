ffffffff81588360 <do_syscall_64>:
ffffffff81588360:	endbr64
ffffffff81588364:	push   %rbp
ffffffff81588365:	mov    %rsp,%rbp
ffffffff81588368:	push   %rbx
ffffffff81588369:	mov    %rdi,%rbx
ffffffff8158836c:	nopl   0x0(%rax,%rax,1)
ffffffff81588371:	mov    %gs:0x7ea9fe07(%rip),%rdx        # 28180 <pcpu_hot>
ffffffff81588379:	mov    0xa20(%rdx),%eax
ffffffff8158837f:	and    $0x3f0,%eax
ffffffff81588384:	add    $0xf,%rax
ffffffff81588388:	and    $0x7f8,%eax
ffffffff8158838d:	sub    %rax,%rsp
ffffffff81588390:	lea    0xf(%rsp),%rax
ffffffff81588395:	and    $0xfffffffffffffff0,%rax
ffffffff81588399:	movslq %esi,%rsi
ffffffff8158839c:	sti
ffffffff8158839d:	mov    0x8(%rdx),%rdx
ffffffff815883a1:	test   $0x3f,%dl
ffffffff815883a4:	jne    ffffffff815884c1 <do_syscall_64+0x161>
ffffffff815883aa:	nopl   0x0(%rax,%rax,1)
ffffffff815883af:	cmp    $0x1ce,%esi
ffffffff815883b5:	ja     ffffffff815884d1 <do_syscall_64+0x171>
ffffffff815883bb:	cmp    $0x1cf,%esi
ffffffff815883c1:	sbb    %rax,%rax
ffffffff815883c4:	and    %eax,%esi
ffffffff815883c6:	mov    %rbx,%rdi
ffffffff815883c9:	call   ffffffff810027b0 <x64_sys_call>
ffffffff815883ce:	mov    %rax,0x50(%rbx)
ffffffff815883d2:	mov    %rbx,%rdi
ffffffff815883d5:	call   ffffffff8158b980 <syscall_exit_to_user_mode>
ffffffff815883da:	mov    0x80(%rbx),%rax
ffffffff815883e1:	cmp    %rax,0x58(%rbx)
ffffffff815883e5:	jne    ffffffff815884ad <do_syscall_64+0x14d>
ffffffff815883eb:	mov    0x90(%rbx),%rdx
ffffffff815883f2:	cmp    %rdx,0x30(%rbx)
ffffffff815883f6:	jne    ffffffff815884ad <do_syscall_64+0x14d>
ffffffff815883fc:	cmpw   $0x33,0x88(%rbx)
ffffffff81588404:	jne    ffffffff815884ad <do_syscall_64+0x14d>
ffffffff8158840a:	cmpw   $0x2b,0xa0(%rbx)
ffffffff81588412:	jne    ffffffff815884ad <do_syscall_64+0x14d>
ffffffff81588418:	movabs $0x7fffffffefff,%rcx
ffffffff81588422:	cmp    %rax,%rcx
ffffffff81588425:	jb     ffffffff815884ad <do_syscall_64+0x14d>
ffffffff8158842b:	test   $0x10100,%edx
ffffffff81588431:	mov    -0x8(%rbp),%rbx
ffffffff81588435:	leave
ffffffff81588436:	sete   %al
ffffffff81588439:	xor    %edx,%edx
ffffffff8158843b:	xor    %ecx,%ecx
ffffffff8158843d:	xor    %esi,%esi
ffffffff8158843f:	xor    %edi,%edi
ffffffff81588441:	jmp    ffffffff815977f0 <__x86_return_thunk>
ffffffff81588446:	mov    %gs:0x7ea9fd32(%rip),%rdx        # 28180 <pcpu_hot>
ffffffff8158844e:	jmp    ffffffff81588399 <do_syscall_64+0x39>
ffffffff81588453:	cmp    $0xffffffffffffffff,%rsi
ffffffff81588457:	je     ffffffff8158849d <do_syscall_64+0x13d>
ffffffff81588459:	mov    %gs:0x7ea9fd1f(%rip),%rax        # 28180 <pcpu_hot>
ffffffff81588461:	mov    %rsi,%rdx
ffffffff81588464:	mov    0x10(%rax),%eax
ffffffff81588467:	and    $0x2,%eax
ffffffff8158846a:	jne    ffffffff81588515 <do_syscall_64+0x1b5>
ffffffff81588470:	test   $0x40000000,%esi
ffffffff81588476:	jne    ffffffff8158851f <do_syscall_64+0x1bf>
ffffffff8158847c:	cmp    $0x3ff,%rdx
ffffffff81588483:	ja     ffffffff815883af <do_syscall_64+0x4f>
ffffffff81588489:	mov    %eax,%eax
ffffffff8158848b:	shl    $0x7,%rax
ffffffff8158848f:	bt     %rdx,-0x7e2c0ae0(%rax)
ffffffff81588497:	jae    ffffffff815883af <do_syscall_64+0x4f>
ffffffff8158849d:	mov    %rbx,%rdi
ffffffff815884a0:	call   ffffffff8114be10 <__sclog_syscall_enter>
ffffffff815884a5:	mov    %rax,%rsi
ffffffff815884a8:	jmp    ffffffff815883af <do_syscall_64+0x4f>
ffffffff815884ad:	mov    -0x8(%rbp),%rbx
ffffffff815884b1:	xor    %eax,%eax
ffffffff815884b3:	leave
ffffffff815884b4:	xor    %edx,%edx
ffffffff815884b6:	xor    %ecx,%ecx
ffffffff815884b8:	xor    %esi,%esi
ffffffff815884ba:	xor    %edi,%edi
ffffffff815884bc:	jmp    ffffffff815977f0 <__x86_return_thunk>
ffffffff815884c1:	mov    %rbx,%rdi
ffffffff815884c4:	call   ffffffff8110f230 <syscall_trace_enter>
ffffffff815884c9:	mov    %rax,%rsi
ffffffff815884cc:	jmp    ffffffff815883aa <do_syscall_64+0x4a>
ffffffff815884d1:	mov    %esi,%eax
ffffffff815884d3:	xchg   %ax,%ax
ffffffff815884d5:	sub    $0x40000000,%esi
ffffffff815884db:	cmp    $0x223,%esi
ffffffff815884e1:	ja     ffffffff815884ff <do_syscall_64+0x19f>
ffffffff815884e3:	cmp    $0x224,%esi
ffffffff815884e9:	sbb    %rax,%rax
ffffffff815884ec:	and    %eax,%esi
ffffffff815884ee:	mov    %rbx,%rdi
ffffffff815884f1:	call   ffffffff81006a20 <x32_sys_call>
ffffffff815884f6:	mov    %rax,0x50(%rbx)
ffffffff815884fa:	jmp    ffffffff815883d2 <do_syscall_64+0x72>
ffffffff815884ff:	cmp    $0xffffffff,%eax
ffffffff81588502:	je     ffffffff815883d2 <do_syscall_64+0x72>
ffffffff81588508:	movq   $0xffffffffffffffda,0x50(%rbx)
ffffffff81588510:	jmp    ffffffff815883d2 <do_syscall_64+0x72>
ffffffff81588515:	mov    $0x1,%eax
ffffffff8158851a:	jmp    ffffffff8158847c <do_syscall_64+0x11c>
ffffffff8158851f:	and    $0xffffffffbfffffff,%rdx
ffffffff81588526:	mov    $0x2,%eax
ffffffff8158852b:	jmp    ffffffff8158847c <do_syscall_64+0x11c>

ffffffff8158b980 <syscall_exit_to_user_mode>:
ffffffff8158b980:	endbr64
ffffffff8158b984:	push   %r12
ffffffff8158b986:	mov    %rdi,%r12
ffffffff8158b989:	push   %rbp
ffffffff8158b98a:	mov    %gs:0x7ea9c7ee(%rip),%rbp        # 28180 <pcpu_hot>
ffffffff8158b992:	push   %rbx
ffffffff8158b993:	mov    0x8(%rbp),%rsi
ffffffff8158b997:	test   $0x76,%sil
ffffffff8158b99b:	jne    ffffffff8158ba5e <syscall_exit_to_user_mode+0xde>
ffffffff8158b9a1:	nopl   0x0(%rax,%rax,1)
ffffffff8158b9a6:	cli
ffffffff8158b9a7:	mov    0x0(%rbp),%rbx
ffffffff8158b9ab:	test   $0x2300e,%ebx
ffffffff8158b9b1:	jne    ffffffff8158b9f8 <syscall_exit_to_user_mode+0x78>
ffffffff8158b9b3:	mov    %rbx,%rdi
ffffffff8158b9b6:	call   ffffffff8110edf0 <arch_exit_to_user_mode_prepare.constprop.0>
ffffffff8158b9bb:	xor    %eax,%eax
ffffffff8158b9bd:	mov    $0x1,%ecx
ffffffff8158b9c2:	mov    %eax,%edx
ffffffff8158b9c4:	nop
ffffffff8158b9c5:	nop
ffffffff8158b9c6:	pop    %rbx
ffffffff8158b9c7:	pop    %rbp
ffffffff8158b9c8:	pop    %r12
ffffffff8158b9ca:	xor    %eax,%eax
ffffffff8158b9cc:	xor    %edx,%edx
ffffffff8158b9ce:	xor    %ecx,%ecx
ffffffff8158b9d0:	xor    %esi,%esi
ffffffff8158b9d2:	xor    %edi,%edi
ffffffff8158b9d4:	jmp    ffffffff815977f0 <__x86_return_thunk>
ffffffff8158b9d9:	call   ffffffff8158f9d0 <schedule>
ffffffff8158b9de:	test   $0x20004,%ebx
ffffffff8158b9e4:	jne    ffffffff8158ba06 <syscall_exit_to_user_mode+0x86>
ffffffff8158b9e6:	and    $0x2,%ebx
ffffffff8158b9e9:	jne    ffffffff8158ba13 <syscall_exit_to_user_mode+0x93>
ffffffff8158b9eb:	cli
ffffffff8158b9ec:	mov    0x0(%rbp),%rbx
ffffffff8158b9f0:	test   $0x2300e,%ebx
ffffffff8158b9f6:	je     ffffffff8158b9b3 <syscall_exit_to_user_mode+0x33>
ffffffff8158b9f8:	sti
ffffffff8158b9f9:	test   $0x8,%bl
ffffffff8158b9fc:	jne    ffffffff8158b9d9 <syscall_exit_to_user_mode+0x59>
ffffffff8158b9fe:	test   $0x20004,%ebx
ffffffff8158ba04:	je     ffffffff8158b9e6 <syscall_exit_to_user_mode+0x66>
ffffffff8158ba06:	mov    %r12,%rdi
ffffffff8158ba09:	call   ffffffff81024b10 <arch_do_signal_or_restart>
ffffffff8158ba0e:	and    $0x2,%ebx
ffffffff8158ba11:	je     ffffffff8158b9eb <syscall_exit_to_user_mode+0x6b>
ffffffff8158ba13:	lock andb $0xfd,0x0(%rbp)
ffffffff8158ba18:	mov    0x6a0(%rbp),%rax
ffffffff8158ba1f:	test   %rax,%rax
ffffffff8158ba22:	jne    ffffffff8158ba68 <syscall_exit_to_user_mode+0xe8>
ffffffff8158ba24:	cmpq   $0x0,0x938(%rbp)
ffffffff8158ba2c:	je     ffffffff8158b9eb <syscall_exit_to_user_mode+0x6b>
ffffffff8158ba2e:	mov    %r12,%rsi
ffffffff8158ba31:	xor    %edi,%edi
ffffffff8158ba33:	call   ffffffff811a3f40 <__rseq_handle_notify_resume>
ffffffff8158ba38:	jmp    ffffffff8158b9eb <syscall_exit_to_user_mode+0x6b>
ffffffff8158ba3a:	mov    0x6f8(%rbp),%eax
ffffffff8158ba40:	test   %eax,%eax
ffffffff8158ba42:	jne    ffffffff8158ba51 <syscall_exit_to_user_mode+0xd1>
ffffffff8158ba44:	cmpb   $0x0,0x803(%rbp)
ffffffff8158ba4b:	je     ffffffff8158b9a6 <syscall_exit_to_user_mode+0x26>
ffffffff8158ba51:	mov    %r12,%rdi
ffffffff8158ba54:	call   ffffffff8114bf80 <__sclog_syscall_exit>
ffffffff8158ba59:	jmp    ffffffff8158b9a6 <syscall_exit_to_user_mode+0x26>
ffffffff8158ba5e:	call   ffffffff8110f110 <syscall_exit_work>
ffffffff8158ba63:	jmp    ffffffff8158b9a1 <syscall_exit_to_user_mode+0x21>
ffffffff8158ba68:	call   ffffffff810a23b0 <task_work_run>
ffffffff8158ba6d:	jmp    ffffffff8158ba24 <syscall_exit_to_user_mode+0xa4>

